/** Changes: the XML diff against the document as opened or last saved (to be built). */
export function ChangesButton() {
  return null;
}
