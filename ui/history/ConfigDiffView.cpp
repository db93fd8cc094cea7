#include "ui/history/ConfigDiffView.h"

#include "ui/common/ErrorText.h"
#include "ui/common/SettingToolTip.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace ui {

namespace {

QTableWidget* makeTable(QWidget* parent, const QString& name, int columns)
{
    auto* table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->setWordWrap(false);
    return table;
}

QTableWidgetItem* item(const QString& text)
{
    auto* cell = new QTableWidgetItem(text);
    cell->setToolTip(text);
    return cell;
}

QString runTitle(const core::RunRecord& run)
{
    return QStringLiteral("#%1 %2").arg(run.id).arg(QString::fromStdString(run.name));
}

QString finalText(const std::map<std::string, double>& finals, const std::string& name)
{
    const auto found = finals.find(name);
    return found == finals.end() ? QString() : QLocale().toString(found->second, 'g', 6);
}

} // namespace

ConfigDiffView::ConfigDiffView(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_hint = new QLabel(this);
    m_hint->setObjectName("diffHint");
    m_hint->setWordWrap(true);
    m_hint->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_hint);
    m_settingsTitle = new QLabel(this);
    layout->addWidget(m_settingsTitle);
    m_settings = makeTable(this, "diffSettings", 3);
    layout->addWidget(m_settings, 2);
    m_finalsTitle = new QLabel(this);
    layout->addWidget(m_finalsTitle);
    m_finals = makeTable(this, "diffFinals", 4);
    layout->addWidget(m_finals, 1);
    retranslateUi();
}

void ConfigDiffView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ConfigDiffView::retranslateUi()
{
    showRuns();
}

void ConfigDiffView::showHint(const QString& text)
{
    m_comparing = false;
    m_hint->setText(text);
    m_hint->setVisible(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_settingsTitle, m_settings, m_finalsTitle, m_finals})
        w->setVisible(false);
    // Hidden, but still the widgets' texts: nothing of an earlier comparison stays behind in an earlier language.
    m_settingsTitle->setText(tr("<b>Settings that differ</b> (everything else in the two experiment files is the "
                                "same)"));
    m_finalsTitle->setText(tr("<b>Final evaluation</b>"));
    for (QTableWidget* table : {m_settings, m_finals}) {
        table->clear(); // the header labels too
        table->setRowCount(0);
    }
}

void ConfigDiffView::setRuns(const std::vector<core::RunRecord>& runs)
{
    m_runs = runs;
    m_differences.clear();
    m_diffError.clear();
    if (runs.size() == 2) {
        const core::RunRecord& a = runs[0];
        const core::RunRecord& b = runs[1];
        try {
            m_differences = core::configDiff(a.configYaml, b.configYaml,
                                             "the experiment of run #" + std::to_string(a.id),
                                             "the experiment of run #" + std::to_string(b.id));
        } catch (...) {
            m_diffError = describeException(std::current_exception()).message;
        }
    }
    showRuns();
}

QString ConfigDiffView::selectTwoText()
{
    return tr("Select two runs in the table (Ctrl+click) to see which settings differ and what that did to their "
              "final metrics.");
}

void ConfigDiffView::showRuns()
{
    if (m_runs.size() < 2) {
        showHint(selectTwoText());
        return;
    }
    if (m_runs.size() > 2) { // the source is the plural: there are three or more
        showHint(tr("%n runs are selected; the comparison shows exactly two. Keep two selected.", nullptr,
                    static_cast<int>(m_runs.size())));
        return;
    }
    if (!m_diffError.isEmpty()) {
        showHint(tr("Cannot compare the two runs: %1").arg(m_diffError));
        return;
    }
    m_comparing = true;
    m_hint->setText(selectTwoText()); // hidden: what it says once the selection changes
    m_hint->setVisible(false);
    for (QWidget* w : std::initializer_list<QWidget*>{m_settingsTitle, m_settings, m_finalsTitle, m_finals})
        w->setVisible(true);
    fillSettings(m_runs[0], m_runs[1]);
    fillFinals(m_runs[0], m_runs[1]);
}

void ConfigDiffView::fillSettings(const core::RunRecord& a, const core::RunRecord& b)
{
    m_settings->setHorizontalHeaderLabels({tr("setting"), runTitle(a), runTitle(b)});
    m_settings->setRowCount(static_cast<int>(m_differences.size()));
    int row = 0;
    for (const auto& d : m_differences) {
        // An absent key is not an empty value: say so (and what it means), or "" reads as "set to nothing".
        const auto shown = [&d](const std::string& value) {
            if (!value.empty())
                return QString::fromStdString(value);
            return d.defaultValue.empty() ? tr("(not set)")
                                          : tr("(not set: default %1)").arg(QString::fromStdString(d.defaultValue));
        };
        m_settings->setItem(row, 0, item(QString::fromStdString(d.key)));
        m_settings->item(row, 0)->setToolTip(settingToolTip(d.key));
        m_settings->setItem(row, 1, item(shown(d.left)));
        m_settings->setItem(row, 2, item(shown(d.right)));
        ++row;
    }
    m_settingsTitle->setText(m_differences.empty()
                                 ? tr("<b>Settings</b>: the two experiment files are the same (a rerun: any "
                                      "difference in the results below is noise or a changed model/data file — "
                                      "compare the hashes in the details)")
                                 : tr("<b>%n setting(s) differ</b> (everything else in the two experiment files is "
                                      "the same)", nullptr, static_cast<int>(m_differences.size())));
    m_settings->resizeColumnsToContents();
}

void ConfigDiffView::fillFinals(const core::RunRecord& a, const core::RunRecord& b)
{
    const std::vector<std::string> names = core::finalMetricNames(std::vector<const core::RunRecord*>{&a, &b});
    m_finals->setHorizontalHeaderLabels(
        {tr("final metric"), runTitle(a), runTitle(b), QStringLiteral("#%1 − #%2").arg(b.id).arg(a.id)});
    m_finals->setRowCount(static_cast<int>(names.size()));
    int row = 0;
    for (const auto& name : names) {
        m_finals->setItem(row, 0, item(QString::fromStdString(name)));
        m_finals->setItem(row, 1, item(finalText(a.finals, name)));
        m_finals->setItem(row, 2, item(finalText(b.finals, name)));
        const auto left = a.finals.find(name);
        const auto right = b.finals.find(name);
        QString delta;
        if (left != a.finals.end() && right != b.finals.end() && !std::isnan(left->second) &&
            !std::isnan(right->second))
            delta = QLocale().toString(right->second - left->second, 'g', 4);
        m_finals->setItem(row, 3, item(delta));
        ++row;
    }
    m_finalsTitle->setText(names.empty() ? tr("<b>Final evaluation</b>: neither run has one (not finished).")
                                         : tr("<b>Final evaluation</b>"));
    m_finals->resizeColumnsToContents();
}

bool ConfigDiffView::isComparing() const { return m_comparing; }

QString ConfigDiffView::hintText() const { return m_hint->text(); }

QStringList ConfigDiffView::difference(const QString& key) const
{
    for (int row = 0; row < m_settings->rowCount(); ++row)
        if (m_settings->item(row, 0)->text() == key)
            return {m_settings->item(row, 1)->text(), m_settings->item(row, 2)->text()};
    return {};
}

} // namespace ui
