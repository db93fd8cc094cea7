#include "ui/train/AdapterExport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ui {

// The messages are translated when made, in the context "ui::AdapterExport" (a free function has no class's tr()).
QString exportAdapterFolder(const QString& from, const QString& to)
{
    const QDir source(from);
    for (const char* required : {"adapter_config.json", "adapter_model.safetensors"})
        if (!QFileInfo::exists(source.filePath(required)))
            return QCoreApplication::translate("ui::AdapterExport",
                                               "%1 has no %2; train a run to the end (or stop it) before exporting.")
                .arg(QDir::toNativeSeparators(from), QLatin1String(required));
    if (QFileInfo(from).canonicalFilePath() == QFileInfo(to).canonicalFilePath())
        return QCoreApplication::translate("ui::AdapterExport", "The adapter is already in %1.")
            .arg(QDir::toNativeSeparators(to));
    if (!QDir().mkpath(to))
        return QCoreApplication::translate("ui::AdapterExport", "Cannot create %1; choose a folder you can write to.")
            .arg(QDir::toNativeSeparators(to));
    const QDir target(to);
    QStringList names{"adapter_config.json", "adapter_model.safetensors"};
    if (QFileInfo::exists(source.filePath("README.md")))
        names << "README.md";
    QStringList staged;
    for (const QString& name : names) {
        const QString temp = target.filePath(QStringLiteral(".") + name + QStringLiteral(".part"));
        QFile::remove(temp);
        if (!QFile::copy(source.filePath(name), temp)) {
            for (const QString& t : staged)
                QFile::remove(t);
            return QCoreApplication::translate(
                       "ui::AdapterExport", "Could not write %1 (disk full or no permission?); nothing was replaced.")
                .arg(QDir::toNativeSeparators(temp));
        }
        staged << temp;
    }
    for (int i = 0; i < names.size(); ++i) {
        const QString final = target.filePath(names[i]);
        QFile::remove(final);
        if (!QFile::rename(staged[i], final))
            return QCoreApplication::translate("ui::AdapterExport", "Could not rename %1 to %2.").arg(staged[i], final);
    }
    return {};
}

} // namespace ui
