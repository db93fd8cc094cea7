#pragma once
// Choose the base model (a Hugging Face directory), remember recent ones, and show its summary. Loading runs in the
// background; modelLoaded() hands the summary to the rest of the window.
#include "ui/model/ModelSummary.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace ui {

class BackgroundRunner;

class ModelPanel : public QWidget {
    Q_OBJECT
public:
    explicit ModelPanel(QWidget* parent = nullptr);

    // Starts loading directory (asynchronously). An empty directory clears the model.
    void loadModel(const QString& directory);
    const ModelSummary& summary() const { return m_summary; }
    QString directory() const { return m_directory; }
    bool isLoading() const { return m_loading > 0; }

Q_SIGNALS:
    void modelLoaded(const ui::ModelSummary& summary);
    void modelFailed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void showSummary(); // the summary box from m_summary (or why there is none)
    void showLoading(); // the status line while m_directory loads
    void chooseDirectory();
    void rememberRecent(const QString& directory);
    void refreshRecent();

    BackgroundRunner* m_runner;
    QComboBox* m_recent;
    QPushButton* m_choose;
    QPushButton* m_demo;
    QLabel* m_summaryLabel;
    QLabel* m_status;
    ModelSummary m_summary;
    QString m_directory;
    QString m_demoDir;          // the bundled demo model, "" when none was found
    bool m_failed = false;      // the last load failed (the status line holds its error)
    bool m_showsLoading = false; // the status line says "Loading …"
    int m_loading = 0;
    int m_request = 0;
};

} // namespace ui
