import "./styles.css";
import { renderNav } from "./nav";
import { renderCatalog } from "./pages/catalog";
import { renderAdmin } from "./pages/admin/index";
import { renderCustomer } from "./pages/customer/index";
import { renderOwner } from "./pages/owner/index";
import { renderSignIn, renderSignUp } from "./pages/account";
import { renderWallet } from "./pages/wallet";
import { renderWatch } from "./pages/watch";
import { route, startRouter } from "./router";
import { refreshSession } from "./session";

route("/signin", renderSignIn);
route("/signup", renderSignUp);
route("/catalog", renderCatalog);
route("/wallet", renderWallet);
route("/watch/:id", renderWatch);
route("/customer", renderCustomer);
route("/owner", renderOwner);
route("/admin", renderAdmin);

startRouter(async () => {
  await refreshSession();
  renderNav();
});
