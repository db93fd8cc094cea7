#include "ui/common/SettingToolTip.h"

#include "core/common/Error.h"
#include "core/experiment/ExperimentSettings.h"

#include <QCoreApplication>

namespace ui {

QString settingToolTip(const std::string& dottedKey, const QString& teaching)
{
    const core::SettingInfo* info = core::findExperimentSetting(dottedKey);
    LORAWB_ASSERT(info != nullptr, "settingToolTip: '", dottedKey, "' is not a key of the experiment file");
    const QString key = QString::fromStdString(info->key).toHtmlEscaped();
    const QString defaultText = info->defaultText.empty()
        ? QString()
        : QCoreApplication::translate("ui::SettingToolTip", " · default <code>%1</code>")
              .arg(QString::fromStdString(info->defaultText).toHtmlEscaped());
    if (teaching.isEmpty())
        return QStringLiteral("<b>%1</b> — %2%3")
            .arg(key, QString::fromStdString(info->doc).toHtmlEscaped(), defaultText);
    return QCoreApplication::translate("ui::SettingToolTip",
                                       "%1<br><br><small>Experiment file: <code>%2</code>%3</small>")
        .arg(teaching, key, defaultText);
}

} // namespace ui
