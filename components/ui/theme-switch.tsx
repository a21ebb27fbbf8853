"use client";
// The "Theme" switch: Light, Dark or System. The choice goes into the theme cookie, which the
// server reads on the next page (app/layout.tsx), and onto the html element at once.
import { createContext, type ReactNode, useContext, useState } from "react";
import { NativeSelect } from "@/components/ui/input";
import { parseTheme, THEME_LABELS, THEMES, type Theme, themeCookie } from "@/lib/theme";
import { cn } from "@/lib/utils";

const ThemeContext = createContext<{ theme: Theme; setTheme: (theme: Theme) => void }>({
  theme: "system",
  setTheme: () => {},
});

export function ThemeProvider({ theme: initial, children }: { theme: Theme; children: ReactNode }) {
  const [theme, setThemeState] = useState(initial);
  const setTheme = (next: Theme) => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain cookie the server reads; no secret
    document.cookie = themeCookie(next);
    document.documentElement.classList.remove(...THEMES);
    if (next !== "system") document.documentElement.classList.add(next);
    setThemeState(next);
  };
  return <ThemeContext.Provider value={{ theme, setTheme }}>{children}</ThemeContext.Provider>;
}

export function ThemeSwitch({ className }: { className?: string }) {
  const { theme, setTheme } = useContext(ThemeContext);
  return (
    <NativeSelect
      aria-label="Theme"
      className={cn("h-8 w-28", className)}
      value={theme}
      onChange={(event) => setTheme(parseTheme(event.target.value))}
    >
      {THEMES.map((value) => (
        <option key={value} value={value}>
          {THEME_LABELS[value]}
        </option>
      ))}
    </NativeSelect>
  );
}
