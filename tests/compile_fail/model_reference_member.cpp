// A reference field.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
  std::int64_t id;
#ifdef DBPUSH_COMPILE_OK
  std::string label;
#else
  const std::string& label;
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
