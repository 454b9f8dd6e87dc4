/** Who the page is signed in as (name and role), from the server's session answer; null before or after. */
import { create } from 'zustand';

export const useSession = create<{ user: { name: string; role: string } | null }>(() => ({ user: null }));
