/** Health — the public face. */
export { systemRoutes } from './routes'
