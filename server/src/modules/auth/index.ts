/** Login, sessions' endpoints and the profile — the public face. */
export { AuthService } from './service'
export { authRoutes } from './routes'
export { authModeration } from './moderation'
export { authPersonalData } from './personal-data'
