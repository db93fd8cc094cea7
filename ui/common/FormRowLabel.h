#pragma once
// QFormLayout::addRow(text, field) makes a label the panel keeps no pointer to; a language switch finds it again
// through its field, so retranslateUi() can set every row's text the same way the constructor's addRow did.
#include <QString>

class QFormLayout;
class QWidget;

namespace ui {

// Sets the text of the label of `field`'s row, making the label when the row was added without one
// (addRow(QString(), field)); does nothing when `field` is not a field of `form`.
void setFormRowLabel(QFormLayout* form, QWidget* field, const QString& text);

} // namespace ui
