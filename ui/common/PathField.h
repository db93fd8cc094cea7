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

Q_SIGNALS:
    void editingFinished(); ///< typed and left, or picked in the dialog

private:
    QLineEdit* m_edit;
    QPushButton* m_button;
};

} // namespace ui
