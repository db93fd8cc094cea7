#include "ui/ranklab/MatrixPlayground.h"

#include "core/eval/RankAnalysis.h"
#include "ui/common/PlotPalette.h"
#include "ui/common/QCustomPlotInclude.h"
#include "ui/ranklab/MatrixText.h"

#include <ATen/ATen.h>

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace ui {
namespace {

QLabel* makeLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

const QList<PlaygroundExample>& MatrixPlayground::examples()
{
    static const QList<PlaygroundExample> list{
        {QObject::tr("Third column = first − second (rank 2)"), QStringLiteral("1 2 -1\n0 1 -1\n2 3 -1")},
        {QObject::tr("Multiples of one column plus a zero column (rank 1)"),
         QStringLiteral("1 2 0 3\n2 4 0 6\n-1 -2 0 -3")},
        {QObject::tr("Identity (full rank 3)"), QStringLiteral("1 0 0\n0 1 0\n0 0 1")},
        {QObject::tr("Random-looking, full rank (rank 3)"), QStringLiteral("2 -1 0.5\n1 3 -2\n4 0.5 1")},
        {QObject::tr("Row 3 = row 1 + row 2: 4 columns, rank 2"), QStringLiteral("1 0 2 1\n0 1 1 -1\n1 1 3 0")},
    };
    return list;
}

MatrixPlayground::MatrixPlayground(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    auto* left = new QVBoxLayout;
    m_examples = new QComboBox(this);
    m_examples->setObjectName("matrixExamples");
    m_examples->addItem(tr("Examples…"));
    for (const auto& e : examples())
        m_examples->addItem(e.title);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName("matrixEditor");
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("One row per line, numbers separated by spaces or commas:\n1 2 -1\n0 1 -1\n2 3 -1"));
    m_editor->setToolTip(tr("Type or paste a small matrix (up to %1 × %1). The analysis updates as you type.")
                             .arg(kMaxPlaygroundSize));
    m_errorLabel = makeLabel(this, "matrixError");
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_errorLabel->hide();
    left->addWidget(m_examples);
    left->addWidget(m_editor, 1);
    left->addWidget(m_errorLabel);

    auto* right = new QVBoxLayout;
    m_rankLabel = makeLabel(this, "matrixRank");
    QFont big = m_rankLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_rankLabel->setFont(big);
    m_toleranceLabel = makeLabel(this, "matrixTolerance");
    m_basisLabel = makeLabel(this, "matrixBasis");
    m_dependencyLabel = makeLabel(this, "matrixDependencies");
    m_dependencyLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName("singularValuePlot");
    m_plot->setMinimumHeight(160);
    m_plot->xAxis->setLabel(tr("singular value i"));
    m_plot->yAxis->setLabel(tr("σᵢ"));
    auto* above = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    above->setName(tr("above the tolerance (counts)"));
    above->setBrush(palette::kBlue);
    above->setPen(Qt::NoPen);
    auto* below = new QCPBars(m_plot->xAxis, m_plot->yAxis);
    below->setName(tr("zero up to rounding"));
    below->setBrush(QColor(180, 180, 180));
    below->setPen(Qt::NoPen);
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    auto* caption = new QLabel(tr("Rank = number of independent columns = number of singular values above the "
                                  "tolerance."), this);
    caption->setObjectName("singularValueCaption");
    caption->setWordWrap(true);
    right->addWidget(m_rankLabel);
    right->addWidget(m_toleranceLabel);
    right->addWidget(m_basisLabel);
    right->addWidget(m_dependencyLabel);
    right->addWidget(m_plot, 1);
    right->addWidget(caption);

    layout->addLayout(left, 2);
    layout->addLayout(right, 3);

    connect(m_examples, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        if (index > 0)
            loadExample(index - 1);
    });
    connect(m_editor, &QPlainTextEdit::textChanged, this, &MatrixPlayground::analyse);
    loadExample(0);
}

void MatrixPlayground::loadExample(int index)
{
    if (index < 0 || index >= examples().size())
        return;
    m_examples->setCurrentIndex(index + 1);
    setMatrixText(examples()[index].text);
}

void MatrixPlayground::setMatrixText(const QString& text) { m_editor->setPlainText(text); } // textChanged → analyse

QString MatrixPlayground::basisText() const { return m_basisLabel->text(); }
QString MatrixPlayground::errorText() const { return m_errorLabel->isHidden() ? QString() : m_errorLabel->text(); }
int MatrixPlayground::singularValueCount() const
{
    return m_plot->plottableCount() < 2 ? 0 : m_plot->plottable(0)->interface1D()->dataCount() +
                                                  m_plot->plottable(1)->interface1D()->dataCount();
}

void MatrixPlayground::showError(const QString& message)
{
    m_rank = -1;
    m_dependencies.clear();
    m_errorLabel->setText(message);
    m_errorLabel->show();
    m_rankLabel->setText(tr("Rank: —"));
    m_toleranceLabel->clear();
    m_basisLabel->clear();
    m_dependencyLabel->clear();
    for (int i = 0; i < m_plot->plottableCount(); ++i)
        static_cast<QCPBars*>(m_plot->plottable(i))->data()->clear();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void MatrixPlayground::analyse()
{
    const ParsedMatrix parsed = parseMatrixText(m_editor->toPlainText());
    if (!parsed.ok()) {
        showError(parsed.error);
        return;
    }
    const int64_t rows = static_cast<int64_t>(parsed.rows.size());
    const int64_t cols = static_cast<int64_t>(parsed.rows.front().size());
    // A few hundred numbers at most: the SVD takes microseconds, so it runs here, on every keystroke.
    at::Tensor m = at::empty({rows, cols}, at::kDouble);
    auto a = m.accessor<double, 2>();
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j)
            a[i][j] = parsed.rows[static_cast<size_t>(i)][static_cast<size_t>(j)];
    core::MatrixRank result;
    try {
        result = core::matrixRank(m);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    m_errorLabel->hide();
    m_rank = static_cast<int>(result.rank);
    m_rankLabel->setText(tr("Rank %1 (a %2 × %3 matrix: at most %4)")
                             .arg(result.rank).arg(rows).arg(cols).arg(std::min(rows, cols)));
    m_toleranceLabel->setText(tr("Tolerance %1: singular values at or below it count as zero (rounding noise).")
                                  .arg(result.tolerance, 0, 'g', 3));
    QStringList basis;
    for (int64_t c : result.basisColumns)
        basis << QStringLiteral("c%1").arg(c + 1);
    m_basisLabel->setText(basis.isEmpty() ? tr("Basis of the column space: none (every column is zero)")
                                          : tr("Basis of the column space: %1").arg(basis.join(QStringLiteral(", "))));
    m_dependencies.clear();
    for (const auto& [column, coefficients] : result.dependencies)
        m_dependencies << dependencyText(column, coefficients, result.basisColumns);
    m_dependencyLabel->setText(m_dependencies.isEmpty() ? tr("Every column is independent of the others.")
                                                        : m_dependencies.join(QLatin1Char('\n')));

    auto* above = static_cast<QCPBars*>(m_plot->plottable(0));
    auto* below = static_cast<QCPBars*>(m_plot->plottable(1));
    above->data()->clear();
    below->data()->clear();
    double largest = 0;
    for (size_t i = 0; i < result.singularValues.size(); ++i) {
        const double s = result.singularValues[i];
        largest = std::max(largest, s);
        (s > result.tolerance ? above : below)->addData(static_cast<double>(i + 1), s);
    }
    m_plot->xAxis->setRange(0.4, static_cast<double>(result.singularValues.size()) + 0.6);
    m_plot->yAxis->setRange(0, largest > 0 ? largest * 1.1 : 1.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace ui
