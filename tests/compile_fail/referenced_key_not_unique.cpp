// A foreign key to a field that is neither a primary key nor unique.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Owner {
  std::int64_t id;
  std::string handle;
};

#ifdef DBPUSH_COMPILE_OK
template <>
struct db::model<Owner> {
  static constexpr auto fields = db::fields(db::field<&Owner::handle>(db::unique));
};
#endif

struct Widget {
  std::int64_t id;
  std::string owner_handle;
};

template <>
struct db::model<Widget> {
  static constexpr auto fields = db::fields(db::field<&Widget::owner_handle>(db::references<&Owner::handle>()));
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
