// A foreign key to a model that is not in the list.
#include <dbpush/dbpush.hpp>

#include <cstdint>

struct Owner {
  std::int64_t id;
};

struct Widget {
  std::int64_t id;
  std::int64_t owner_id;
};

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>()));
};

#ifdef DBPUSH_COMPILE_OK
db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
#else
db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
#endif
