import "./styles.css";
import { startApp } from "./app.js";

const root = document.querySelector<HTMLElement>("#app");
if (root) {
  startApp(root).catch((error: unknown) => {
    console.error(error);
    root.textContent = `The playground failed to start: ${(error as Error).message}`;
  });
}
