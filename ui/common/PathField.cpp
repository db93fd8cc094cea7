#include "ui/common/PathField.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

PathField::PathField(Kind kind, const QString& name, const QString& dialogTitle, const QString& placeholder,
                     QWidget* parent, const QString& filter)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_button(new QPushButton(tr("Choose…"), this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setObjectName(name);
    m_edit->setPlaceholderText(placeholder);
    m_button->setObjectName(name + "Chooser");
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);
    connect(m_edit, &QLineEdit::editingFinished, this, &PathField::editingFinished);
    connect(m_button, &QPushButton::clicked, this, [this, kind, dialogTitle, filter]() {
        const QString picked = kind == Kind::Directory
                                   ? QFileDialog::getExistingDirectory(this, dialogTitle, path())
                                   : QFileDialog::getOpenFileName(this, dialogTitle, path(), filter);
        if (picked.isEmpty())
            return;
        m_edit->setText(picked);
        Q_EMIT editingFinished();
    });
}

QString PathField::path() const { return m_edit->text().trimmed(); }
void PathField::setPath(const QString& path) { m_edit->setText(path); }

} // namespace ui
