#pragma once
// The rank lab's playground: type or paste a small matrix and see, as you type, its rank, the tolerance below which a
// singular value counts as zero, the singular values as bars, a basis of the column space and how every other column
// is built from it. Ready-made examples show the classic cases (a difference column, multiples and a zero column).
#include <QStringList>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QPlainTextEdit;

namespace ui {

struct PlaygroundExample {
    QString title;
    QString text; ///< rows on lines
};

class MatrixPlayground : public QWidget {
    Q_OBJECT
public:
    explicit MatrixPlayground(QWidget* parent = nullptr);

    static const QList<PlaygroundExample>& examples();
    void loadExample(int index);             ///< index into examples()
    void setMatrixText(const QString& text); ///< as if typed

    // The last analysis, for tests and for the panel.
    int rank() const { return m_rank; }      ///< -1 while the text is not a matrix
    QStringList dependencyLines() const { return m_dependencies; }
    QString basisText() const;
    QString errorText() const;
    int singularValueCount() const;
    QPlainTextEdit* editor() const { return m_editor; }
    QComboBox* exampleBox() const { return m_examples; }
    QCustomPlot* singularValuePlot() const { return m_plot; }

private:
    void analyse();
    void showError(const QString& message);

    QComboBox* m_examples;
    QPlainTextEdit* m_editor;
    QLabel* m_rankLabel;
    QLabel* m_toleranceLabel;
    QLabel* m_basisLabel;
    QLabel* m_dependencyLabel;
    QLabel* m_errorLabel;
    QCustomPlot* m_plot;
    int m_rank = -1;
    QStringList m_dependencies;
};

} // namespace ui
