// dbpush: the command line behind db::cli::main (<dbpush/cli.hpp>), as
// ordinary code: the models arrive as one schema per dialect.
#pragma once

#include <dbpush/cli/command_line.hpp>
#include <dbpush/detail/config.hpp>
#include <dbpush/push/push.hpp>
#include <dbpush/schema/schema.hpp>

#include <string>
#include <vector>

namespace db::cli {

// The models' schema as each dialect types them.
struct targets {
  schema sqlite;
  schema postgres;
};

// argv as strings; the first is the program's name.
DBPUSH_INLINE std::vector<std::string> arguments(int argc, char** argv);

// Runs one command on std::cin / std::cout / std::cerr (colour only on a
// terminal, never when NO_COLOR is set) and returns the exit code.
DBPUSH_INLINE int run(const std::vector<std::string>& args, const targets& models, const push_options& defaults);

}  // namespace db::cli

#ifdef DBPUSH_DEFINE_TOOLS
#include <dbpush/cli/detail/run.ipp>
#endif
