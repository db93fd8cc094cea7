#pragma once
// Copies a PEFT adapter folder (adapter_config.json, adapter_model.safetensors, README.md) to where the user wants it.
#include <QString>

namespace ui {

// Copies the adapter files of `from` into `to` (created if needed), replacing files of the same name. The copy goes
// to temporary names first and is renamed into place, so a failure leaves `to` as it was. Returns "" on success, else
// a message naming the file and the fix.
QString exportAdapterFolder(const QString& from, const QString& to);

} // namespace ui
