#pragma once
// Tooltips of the controls that edit an experiment-file setting: the panel's teaching text, then the setting's
// key, default and one-line description from the field tables (core/experiment/ExperimentSettings.h), so that every
// control tells the user what to write in a file or after --set, and a new setting documents itself.
#include <QString>

#include <string>

namespace ui {

// `teaching` may be empty: the tooltip is then the table's description alone.
QString settingToolTip(const std::string& dottedKey, const QString& teaching = {});

} // namespace ui
