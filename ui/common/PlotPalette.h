#pragma once
// The plots' colours, one palette for every tab (matplotlib's tab10, which most users know from their notebooks),
// so that the same thing has the same colour everywhere: training loss blue, validation orange, learning rate green,
// full fine-tuning and warnings red.
#include <QColor>

namespace ui::palette {

inline const QColor kBlue(31, 119, 180);
inline const QColor kOrange(255, 127, 14);
inline const QColor kGreen(44, 160, 44);
inline const QColor kRed(214, 39, 40);

// Runs in the comparison plots: LoRA runs blue, full fine-tuning red.
inline const QColor kLora = kBlue;
inline const QColor kFull = kRed;

} // namespace ui::palette
