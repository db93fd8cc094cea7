// MainWindow's own texts (title, tabs, group boxes, menus, the welcome hint) and the View → Language menu. The panels
// retranslate themselves on the same QEvent::LanguageChange.
#include "ui/window/MainWindow.h"

#include "ui/i18n/UiLanguage.h"

#include <QAction>
#include <QActionGroup>
#include <QEvent>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace ui {

QAction* MainWindow::translated(QAction* action, const char* text, const char* toolTip)
{
    m_translatedActions.push_back({action, text, toolTip});
    return action;
}

QGroupBox* MainWindow::translatedGroup(const char* title, QWidget* content, QWidget* parent)
{
    auto* box = new QGroupBox(parent);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(content);
    m_translatedGroups.push_back({box, title});
    return box;
}

void MainWindow::addTranslatedTab(QWidget* page, const char* title)
{
    m_tabs->addTab(page, QString());
    m_tabTitles.push_back(title);
}

void MainWindow::buildLanguageMenu(QMenu* view)
{
    QMenu* languages = view->addMenu(QString());
    languages->setObjectName("languageMenu");
    translated(languages->menuAction(), QT_TR_NOOP("&Language"),
               QT_TR_NOOP("The window's language; it changes at once and is remembered for the next start."));
    auto* group = new QActionGroup(languages);
    for (const UiLanguage& language : uiLanguages()) {
        // Each language is named in itself, so that a user who cannot read the current one still finds theirs.
        QAction* action = languages->addAction(language.nativeName);
        action->setObjectName(QStringLiteral("language_") + language.code);
        action->setData(language.code);
        action->setCheckable(true);
        action->setChecked(language.code == currentUiLanguage());
        group->addAction(action);
        connect(action, &QAction::triggered, this, [code = language.code]() {
            if (applyUiLanguage(code))
                rememberUiLanguage(code);
        });
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("LoRA Workbench"));
    m_closeHint->setToolTip(tr("Hide this hint"));
    m_hintText->setText(hintText(m_shownHint));
    for (int i = 0; i < m_tabTitles.size(); ++i)
        m_tabs->setTabText(i, tr(m_tabTitles[i]));
    for (const TranslatedGroup& group : m_translatedGroups)
        group.box->setTitle(tr(group.title));
    for (const TranslatedAction& entry : m_translatedActions) {
        entry.action->setText(tr(entry.text));
        if (entry.toolTip)
            entry.action->setToolTip(tr(entry.toolTip));
    }
    if (m_toolBar)
        m_toolBar->setWindowTitle(tr("Main"));
    // The language menu's ticks follow a switch made elsewhere (a test, another window).
    if (auto* languages = findChild<QMenu*>("languageMenu"))
        for (QAction* action : languages->actions())
            action->setChecked(action->data().toString() == currentUiLanguage());
}

} // namespace ui
