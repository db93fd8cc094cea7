#pragma once
// A path typed or picked: a line edit with a "Choose…" button that opens a directory or file dialog.
#include <QWidget>

class QLineEdit;
class QPushButton;

namespace ui {

class PathField : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Directory, File };
    // name: the line edit's object name (the button's is name + "Chooser"); filter: the file dialog's, for Kind::File.
    PathField(Kind kind, const QString& name, const QString& dialogTitle, const QString& placeholder,
              QWidget* parent = nullptr, const QString& filter = {});

    QString path() const; ///< trimmed
    void setPath(const QString& path);
    QLineEdit* edit() const { return m_edit; }
    // The constructor's texts again, in the current language (from the owner's retranslateUi()); the path is kept.
    // filter: the file dialog's (Kind::File); leave it out for a directory.
    void setTexts(const QString& dialogTitle, const QString& placeholder, const QString& filter = {});

Q_SIGNALS:
    void editingFinished(); ///< typed and left, or picked in the dialog

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi(); // the Choose… button; the owner re-sets the title, placeholder and filter (setTexts)

    QLineEdit* m_edit;
    QPushButton* m_button;
    QString m_dialogTitle;
    QString m_filter;
};

} // namespace ui
