#pragma once

namespace sv::app {

// The `samverkan` command: parses the command line, runs the subcommand, returns the exit status.
int Main(int argc, char** argv);

}  // namespace sv::app
