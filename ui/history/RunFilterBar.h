#pragma once
// The filters above the run history table: a text (name, model or targets), a status and a sweep, plus which
// database file is shown. Emits changed() whenever one of the filters changes.
#include <QString>
#include <QWidget>

#include <utility>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;

namespace ui {

class RunFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit RunFilterBar(QWidget* parent = nullptr);

    // (sweep id, label) of every sweep in the database; keeps the chosen sweep when it is still there, else "all".
    void setSweeps(const std::vector<std::pair<qint64, QString>>& sweeps);
    void setDatabasePath(const QString& path);

    QString text() const;
    QString status() const; ///< "" = any
    qint64 sweepId() const; ///< 0 = any, -1 = runs outside sweeps

    QLineEdit* textEdit() const { return m_text; }
    QComboBox* statusCombo() const { return m_status; }
    QComboBox* sweepCombo() const { return m_sweep; }

Q_SIGNALS:
    void changed();

private:
    QLineEdit* m_text;
    QComboBox* m_status;
    QComboBox* m_sweep;
    QLabel* m_path;
};

} // namespace ui
