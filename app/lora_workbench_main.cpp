// The desktop app: a thin main over ui::MainWindow.
//   lora-workbench [--model DIR] [--experiment FILE] [--language en|ko] [--self-check]
// --self-check builds the window offscreen, loads the bundled demo model when there is one, prints OK and exits 0
// (packaging runs it from the installed files). Without --language the window starts in the language chosen last in
// View → Language, else in the system locale's (LANG=ko_KR.UTF-8: Korean), else in English.
#include "core/common/Version.h"
#include "ui/window/MainWindow.h"
#include "ui/window/ScreenshotTour.h"
#include "ui/model/ModelPanel.h"
#include "ui/common/ResourcePaths.h"
#include "ui/i18n/UiLanguage.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

namespace {

bool hasArgument(int argc, char** argv, const char* name)
{
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], name) == 0)
            return true;
    return false;
}

int selfCheck(ui::MainWindow& window, const QString& modelDir)
{
    const QString demo = modelDir.isEmpty() ? ui::demoModelDir() : modelDir;
    std::printf("lora-workbench %s, libtorch %s, CUDA %s\n", core::versionString().c_str(),
                core::torchVersionString().c_str(), core::cudaAvailable() ? "available" : "not available");
    // The tabs' translated names prove the embedded catalogue loaded (packaging checks them in Korean).
    QStringList tabs;
    for (int i = 0; i < window.tabs()->count(); ++i)
        tabs << window.tabs()->tabText(i).remove(QLatin1Char('&'));
    std::printf("language: %s, tabs: %s\n", qPrintable(ui::currentUiLanguage()), qPrintable(tabs.join(" | ")));
    if (demo.isEmpty()) {
        std::printf("resources: %s\nno bundled demo model found\nOK\n", qPrintable(ui::resourcesDir()));
        return 0;
    }
    QEventLoop loop;
    bool ok = false;
    QString failure = QStringLiteral("timed out loading the demo model");
    QObject::connect(window.modelPanel(), &ui::ModelPanel::modelLoaded, &loop, [&]() {
        ok = true;
        loop.quit();
    });
    QObject::connect(window.modelPanel(), &ui::ModelPanel::modelFailed, &loop, [&](const QString& message) {
        failure = message;
        loop.quit();
    });
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    window.modelPanel()->loadModel(demo);
    loop.exec();
    if (!ok) {
        std::fprintf(stderr, "self-check failed: %s\n", qPrintable(failure));
        return 1;
    }
    std::printf("demo model: %s\n%s\nOK\n", qPrintable(demo), qPrintable(window.modelPanel()->summary().describe()));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    const bool check = hasArgument(argc, argv, "--self-check");
    if (check && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // must be set before QApplication exists
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LoRA Workbench"));
    QApplication::setApplicationName(QStringLiteral("lora-workbench"));
    QApplication::setApplicationVersion(QString::fromStdString(core::versionString()));
    QApplication::setDesktopFileName(QStringLiteral("lora-workbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("LoRA fine-tuning workbench for LLaMA-family models"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Open this Hugging Face model directory."),
                                   QStringLiteral("DIR"));
    const QCommandLineOption experiment(QStringLiteral("experiment"), QStringLiteral("Open this experiment file (YAML)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption selfCheckOption(QStringLiteral("self-check"),
                                             QStringLiteral("Build the window offscreen, load the demo, print OK."));
    const QCommandLineOption tour(QStringLiteral("tour"),
                                  QStringLiteral("Run a short demo session (load, preview, train, try) and save a "
                                                 "screenshot of each part into DIR, then quit."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Start in this language (en, ko) instead of the remembered or "
                                                     "the system's one."),
                                      QStringLiteral("CODE"));
    parser.addOptions({model, experiment, selfCheckOption, tour, language});
    parser.process(app);
    const QString languageCode = parser.isSet(language) ? parser.value(language) : ui::startupLanguage();
    if (!ui::applyUiLanguage(languageCode)) {
        QStringList codes;
        for (const ui::UiLanguage& known : ui::uiLanguages())
            codes << known.code;
        std::fprintf(stderr, "lora-workbench: --language %s: not a language of this program; use one of: %s\n",
                     qPrintable(languageCode), qPrintable(codes.join(QStringLiteral(", "))));
        return 2;
    }

    // The self-check and the tour start from a clean window, not from the user's last session.
    ui::MainWindow window(nullptr, /*restoreSession=*/!check && !parser.isSet(tour));
    if (check && parser.isSet(experiment))
        window.openExperiment(parser.value(experiment), /*quiet=*/true);
    if (check) {
        return selfCheck(window, parser.value(model));
    }
    if (parser.isSet(tour)) {
        ui::ScreenshotTour run(window, parser.value(tour), /*trainSteps=*/60);
        QObject::connect(&run, &ui::ScreenshotTour::finished, &app, [&app](int status) { app.exit(status); });
        QTimer::singleShot(0, &run, &ui::ScreenshotTour::start);
        return app.exec();
    }
    if (parser.isSet(experiment))
        window.openExperiment(parser.value(experiment));
    if (parser.isSet(model))
        window.modelPanel()->loadModel(parser.value(model));
    window.show();
    return app.exec();
}
