// Text files the build embeds as strings (Vite's `?raw`), such as the syllabus.
declare module '*?raw' {
  const text: string;
  export default text;
}
