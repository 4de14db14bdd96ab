/** Share: a link holding the whole document (to be built). */
export function ShareButton() {
  return null;
}
