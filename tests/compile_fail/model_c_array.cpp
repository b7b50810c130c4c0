// A C array field (Boost.PFR counts its elements as fields).
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Widget {
  std::int64_t id;
#ifdef DBPUSH_COMPILE_OK
  std::string code;
#else
  char code[8];
#endif
  double weight;
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
