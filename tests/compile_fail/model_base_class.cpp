// A model that inherits its key from a base class.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Entity {
  std::int64_t id;
};

#ifdef DBPUSH_COMPILE_OK
struct Widget {
  std::int64_t id;
  std::string label;
};
#else
struct Widget : Entity {
  std::string label;
};
#endif

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
