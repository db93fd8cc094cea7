#include "ui/common/FormRowLabel.h"

#include <QFormLayout>
#include <QLabel>

namespace ui {

void setFormRowLabel(QFormLayout* form, QWidget* field, const QString& text)
{
    if (auto* label = qobject_cast<QLabel*>(form->labelForField(field))) {
        label->setText(text);
        return;
    }
    // addRow(QString(), field) makes no label at all: the first text makes one in the row's label column.
    int row = -1;
    QFormLayout::ItemRole role;
    form->getWidgetPosition(field, &row, &role);
    if (row < 0 || role != QFormLayout::FieldRole)
        return;
    auto* label = new QLabel(text, form->parentWidget());
    label->setBuddy(field);
    form->setWidget(row, QFormLayout::LabelRole, label);
}

} // namespace ui
