// A union as a model.
#include <dbpush/dbpush.hpp>

#include <cstdint>

#ifdef DBPUSH_COMPILE_OK
struct Widget {
#else
union Widget {
#endif
  std::int64_t id;
  double weight;
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
