#pragma once
// Where the bundled resources (demo model, demo datasets) are: next to the build tree while developing, under
// <prefix>/share/lora-workbench once installed.
#include <QString>

namespace ui {

// The resources folder, or "" when none is found. Looked for, in order: $LORAWB_RESOURCES_DIR; <exe>/../../resources
// (the build tree: <build>/app/lora-workbench); <exe>/../share/lora-workbench (installed); the source tree's resources/
// (compile definition, for tests run from any build directory).
QString resourcesDir();
// resources/demo/model when it holds a config.json, else "".
QString demoModelDir();
// The first-launch demo's dataset (task A, Alpaca: resources/demo/datasets/task_a.jsonl), else "".
QString demoDatasetPath();

} // namespace ui
