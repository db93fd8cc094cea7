#pragma once
// Drives the real window through a short demo session — load the demo, preview a record, train a few dozen steps,
// try a prompt, the rank lab on the task-A adapter, a short forgetting-lab comparison, the sweep and history tabs —
// and saves a picture of each part. scripts/screenshots.sh runs it under Xvfb for docs/screenshots.
#include <QObject>
#include <QString>

namespace ui {

class MainWindow;

class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow& window, const QString& folder, int trainSteps);
    void start();

Q_SIGNALS:
    void finished(int status); ///< 0 when every picture was taken

private:
    void shoot(int tab, const QString& name);
    void afterModel();
    void afterData();
    void watchTraining();
    void afterTraining();
    void afterTryIt();
    void startForgettingLab();
    void afterForgettingLab();
    void fail(const QString& message);

    MainWindow& m_window;
    QString m_folder;
    int m_trainSteps;
    int m_labSteps = 100; // the forgetting lab's comparison in the tour: a shortened demo
};

} // namespace ui
