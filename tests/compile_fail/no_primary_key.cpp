// A struct with neither a primary key, an integer `id`, nor a unique field.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
#ifdef DBPUSH_COMPILE_OK
  std::int64_t id;
#else
  std::int64_t number;
#endif
  std::string label;
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
