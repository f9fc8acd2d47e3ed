import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import dayjs from 'dayjs'
import App from './App'
import { ConsoleSession } from './session'
import './console.css'

dayjs.locale('zh-cn')

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App session={new ConsoleSession()} />
  </StrictMode>,
)
