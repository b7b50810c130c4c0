// Two models mapped to one table name.
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Widget {
  std::int64_t id;
};

struct Gadget {
  std::int64_t id;
};

template <>
struct db::model<Gadget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto table = "gadgets";
#else
  static constexpr auto table = "Widget";
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Gadget>(db::dialect::sqlite); }
