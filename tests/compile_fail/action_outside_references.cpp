// A foreign key action given to the field instead of db::references.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::cascade)));
#else
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(), db::on_delete::cascade));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
