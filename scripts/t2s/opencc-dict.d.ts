/** opencc-js ships its dictionaries as modules without types: each is one string of `key value…|…` entries. */
declare module 'opencc-js/dict/*' {
  const dict: string;
  export default dict;
}
