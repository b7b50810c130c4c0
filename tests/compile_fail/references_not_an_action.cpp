// Something other than an action given to db::references.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>()));
#else
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(db::named("widget_owner"))));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
