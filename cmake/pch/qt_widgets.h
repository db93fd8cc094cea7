// Precompiled for the Qt Widgets front end.
#pragma once
#include "torch.h"
#include <QtWidgets>
