#pragma once
// The details pane of the run history: everything needed to trust or reproduce one run (what it trained, the hashes
// of model, data and template, versions, seed, device, where the adapter is, why it stopped), as selectable text.
#include "core/history/RunRecord.h"

#include <QString>

namespace ui {

QString runDetailsText(const core::RunRecord& run);

} // namespace ui
