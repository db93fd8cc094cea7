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
    const QString root = resourcesDir();
    if (root.isEmpty())
        return {};
    for (const QString& sub : {QStringLiteral("demo"), QStringLiteral("demo/datasets"), QStringLiteral("datasets")}) {
        const QDir dir(QDir(root).filePath(sub));
        const QStringList files = dir.entryList({"*.jsonl", "*.json"}, QDir::Files, QDir::Name);
        for (const QString& file : files)
            if (!file.contains(QLatin1String("config")))
                return dir.filePath(file);
    }
    return {};
}

} // namespace ui
