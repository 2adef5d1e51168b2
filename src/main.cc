// The `samverkan` executable; everything it does starts in src/app.
#include "app/main.h"

int main(int argc, char** argv) { return sv::app::Main(argc, argv); }
