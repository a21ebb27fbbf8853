// shadcn/ui's class helper: conditional classes (clsx), later Tailwind utilities win (tailwind-merge).
import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

export const cn = (...inputs: ClassValue[]) => twMerge(clsx(inputs));
