#include "ui/window/DemoExperiment.h"

#include "ui/common/ResourcePaths.h"

#include <QDir>
#include <QFileInfo>

namespace ui {

QString demoForgettingExperimentPath()
{
    const QString root = resourcesDir();
    if (root.isEmpty())
        return {};
    for (const QString& name : {QStringLiteral("demo_forgetting.yaml"), QStringLiteral("demo_task_b.yaml")}) {
        const QString path = QDir(root).filePath(QStringLiteral("experiments/") + name);
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

bool isBundledExperiment(const QString& path)
{
    const QString root = resourcesDir();
    return !root.isEmpty() && !path.isEmpty() &&
           QFileInfo(path).absoluteDir().canonicalPath() == QDir(QDir(root).filePath("experiments")).canonicalPath();
}

std::string rebasedOnResources(const std::string& path)
{
    const QString text = QString::fromStdString(path);
    const QString prefix = QStringLiteral("resources/");
    if (text.isEmpty() || QDir::isAbsolutePath(text) || QFileInfo::exists(text) || !text.startsWith(prefix))
        return path;
    const QString root = resourcesDir();
    if (root.isEmpty())
        return path;
    const QString candidate = QDir(root).filePath(text.mid(prefix.size()));
    return QFileInfo::exists(candidate) ? candidate.toStdString() : path;
}

void rebaseInputsOnResources(core::ExperimentConfig& cfg)
{
    core::forEachInputPath(cfg, [](const std::string&, std::string& path) { path = rebasedOnResources(path); });
}

void addDemoForgettingInputs(core::ForgettingProbeOptions& options)
{
    options.retainPath = rebasedOnResources("resources/demo/retain.txt");
    options.taskPaths = {rebasedOnResources("resources/demo/datasets/task_a_test.jsonl"),
                         rebasedOnResources("resources/demo/datasets/task_b_test.jsonl")};
}

} // namespace ui
