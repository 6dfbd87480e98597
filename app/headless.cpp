#include "headless.h"
#include "options.h"

#include <QCoreApplication>

int runHeadless(QCoreApplication &app, const AppOptions &options)
{
    Q_UNUSED(options);
    return app.exec();
}
