#pragma once
// The filters above the run history table: a text (name, model or targets), a status and a sweep, plus which
// database file is shown. Emits changed() whenever one of the filters changes.
#include "core/history/RunRecord.h"

#include <QString>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;

namespace ui {

class RunFilterBar : public QWidget {
    Q_OBJECT
public:
    explicit RunFilterBar(QWidget* parent = nullptr);

    // Every sweep in the database; keeps the chosen sweep when it is still there, else "all".
    void setSweeps(std::vector<core::SweepRecord> sweeps);
    void setDatabasePath(const QString& path);

    QString text() const;
    QString status() const; ///< "" = any
    qint64 sweepId() const; ///< 0 = any, -1 = runs outside sweeps

    QLineEdit* textEdit() const { return m_text; }
    QComboBox* statusCombo() const { return m_status; }
    QComboBox* sweepCombo() const { return m_sweep; }

Q_SIGNALS:
    void changed();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // also the sweep entries and the database label, from the sweeps and path kept here
    void fillSweeps();    ///< the sweep combo's entries from m_sweeps, keeping the choice; emits nothing
    void showDatabasePath();

    QLineEdit* m_text;
    QComboBox* m_status;
    QComboBox* m_sweep;
    QLabel* m_path;
    std::vector<core::SweepRecord> m_sweeps;
    QString m_databasePath; ///< "" until the history is first read
};

} // namespace ui
