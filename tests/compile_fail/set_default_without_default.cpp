// ON DELETE SET DEFAULT on a foreign key field without a default.
#include "widget.hpp"

template <>
struct db::model<Widget> {
#ifdef DBPUSH_COMPILE_OK
  static constexpr auto fields = db::fields(
      db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::set_default), db::default_value(1)));
#else
  static constexpr auto fields =
      db::fields(db::field<&Widget::owner_id>(db::references<&Owner::id>(db::on_delete::set_default)));
#endif
};

db::schema widget_schema() { return db::schema_of<Widget, Owner>(db::dialect::sqlite); }
