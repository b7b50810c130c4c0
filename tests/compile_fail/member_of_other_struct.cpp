// db::field names a member of another struct.
#include <dbpush/dbpush.hpp>

#include <cstdint>
#include <string>

struct Gadget {
  std::int64_t id;
  std::string serial;
};

struct Widget {
  std::int64_t id;
  std::string serial;
};

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::serial>(db::unique));
#else
  static constexpr auto fields = db::fields(db::field<&Gadget::serial>(db::unique));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget>(db::dialect::sqlite); }
