import { z } from 'zod';

/** A TCP/UDP port; shared by every network link schema. */
export const PortNumberSchema = z.number().int('port must be a whole number').min(1).max(65535);
