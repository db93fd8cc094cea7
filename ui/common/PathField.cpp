#include "ui/common/PathField.h"

#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace ui {

PathField::PathField(Kind kind, const QString& name, const QString& dialogTitle, const QString& placeholder,
                     QWidget* parent, const QString& filter)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_button(new QPushButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_edit->setObjectName(name);
    m_button->setObjectName(name + "Chooser");
    setTexts(dialogTitle, placeholder, filter);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_button);
    connect(m_edit, &QLineEdit::editingFinished, this, &PathField::editingFinished);
    connect(m_button, &QPushButton::clicked, this, [this, kind]() {
        const QString picked = kind == Kind::Directory
                                   ? QFileDialog::getExistingDirectory(this, m_dialogTitle, path())
                                   : QFileDialog::getOpenFileName(this, m_dialogTitle, path(), m_filter);
        if (picked.isEmpty())
            return;
        m_edit->setText(picked);
        Q_EMIT editingFinished();
    });
    retranslateUi();
}

void PathField::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PathField::retranslateUi()
{
    m_button->setText(tr("Choose…"));
}

QString PathField::path() const { return m_edit->text().trimmed(); }
void PathField::setPath(const QString& path) { m_edit->setText(path); }

void PathField::setTexts(const QString& dialogTitle, const QString& placeholder, const QString& filter)
{
    m_dialogTitle = dialogTitle;
    m_filter = filter;
    m_edit->setPlaceholderText(placeholder);
}

} // namespace ui
