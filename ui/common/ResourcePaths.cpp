#include "ui/common/ResourcePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace ui {

namespace {

bool isResourcesDir(const QString& dir)
{
    return !dir.isEmpty() && QFileInfo(dir).isDir();
}

} // namespace

QString resourcesDir()
{
    QStringList candidates;
    candidates << qEnvironmentVariable("LORAWB_RESOURCES_DIR");
    if (QCoreApplication::instance()) {
        const QDir exe(QCoreApplication::applicationDirPath());
        candidates << exe.filePath("../../resources");
        candidates << exe.filePath(QStringLiteral("../") + QStringLiteral(LORAWB_DATA_INSTALL_SUBDIR));
    }
    candidates << QStringLiteral(LORAWB_SOURCE_RESOURCES_DIR);
    for (const QString& dir : candidates)
        if (isResourcesDir(dir))
            return QDir(dir).canonicalPath();
    return {};
}

QString demoModelDir()
{
    const QString root = resourcesDir();
    if (root.isEmpty())
        return {};
    for (const QString& sub : {QStringLiteral("demo/model"), QStringLiteral("models/demo")}) {
        const QString dir = QDir(root).filePath(sub);
        if (QFileInfo::exists(QDir(dir).filePath("config.json")))
            return dir;
    }
    return {};
}

QString demoDatasetPath()
{
    // The first-launch demo trains task A (resources/experiments/demo_task_a.yaml): Alpaca records, which the
    // default CAUSAL_LM settings read. The task heads' datasets beside it (names.jsonl, testament.jsonl, …) open with
    // their own experiments (File → Open demo experiment), so the first file by name is not the demo.
    const QString root = resourcesDir();
    if (root.isEmpty())
        return {};
    for (const QString& sub : {QStringLiteral("demo/datasets"), QStringLiteral("datasets"), QStringLiteral("demo")}) {
        const QString path = QDir(QDir(root).filePath(sub)).filePath(QStringLiteral("task_a.jsonl"));
        if (QFileInfo::exists(path))
            return path;
    }
    return {};
}

} // namespace ui
